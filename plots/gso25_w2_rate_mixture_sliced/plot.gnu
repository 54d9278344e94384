set encoding utf8
set terminal pngcairo enhanced size 1200,850 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 1,1 title "gso25_w2_rate_mixture_sliced: GSO25 W2 rate on Gaussian mixtures in d >= 2, sliced W2 of the particle engine (calibrated C = 1.5; only a violation is\nconclusive)\nseed 000 (Ocello), slide 'Theorem [GSO25]' and the Gaussian-mixture proposition; Gentiloni Silveri, Ocello, ICML 2025\nsolid, filled dots: exact sliced_w2     dashed: 1.5 x rate (calibrated C)" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "dimension d (pair along e_1, s^2 = 0.25; T = 2, N = 20; sliced W2 of 2000 particles)" noenhanced
set ylabel "sliced_w2" noenhanced
set autoscale fix
set logscale y
set mytics default
set format y '%g'
set ytics (0.1, 0.2, 0.5, 1, 2)
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, pair a=2 s2=0.25 along e1, eps=0, T=2, N=20', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'em, pair a=2 s2=0.25 along e1, eps=0.2, T=2, N=20', \
     '' index 1 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
